/**
 * Wiring of the modules' extension points for the commands: the hub identity (join with a token, then the
 * saved certificate) and the agent's availability-zone programmer. No command logic lives here.
 */
package io.fedgate.cli.wiring;
