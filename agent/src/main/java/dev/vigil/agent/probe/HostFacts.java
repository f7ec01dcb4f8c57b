package dev.vigil.agent.probe;

/**
 * What the agent tells the console about its machine once per connection.
 *
 * @param hostname the machine's host name
 * @param os the operating system's name and version
 */
public record HostFacts(String hostname, String os) {}
