/**
 * {@code fedgate bench ...}: benchmarks of real components on the local machine. They print measurements;
 * they assert nothing (timed tests are not benchmarks).
 */
package io.fedgate.cli.bench;
