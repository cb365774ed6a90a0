/**
 * The environment of every process the bench times, bare `node -e 0` included: PATH and the
 * variables the command reads, nothing else inherited. What Node reads at start then weighs on
 * both sides alike: NODE_EXTRA_CA_CERTS, set on these machines, adds ~60 ms to each start (the
 * certificates are parsed before any script runs), which made a bare start inherited from the
 * bench three times slower than the sync started with its own variables only.
 */
export function processEnv(vars: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? "", ...vars };
}
