/**
 * The listening side of a gateway: one TCP listener per TCP port of each gateway-path import (bound and
 * unbound as plans change, leaving unchanged listeners and every open flow alone), and per accepted
 * connection the choice of serving cluster and target, with retries on the next choice before the client
 * sees an error.
 */
package io.fedgate.gateway.internal.listener;
