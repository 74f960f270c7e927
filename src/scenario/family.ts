// The service's address family: its own file, below the schema, so the
// topology and the protocol modules (which the schema's protocol names come
// from) can name it without an import cycle.
export type Family = 'ipv4' | 'ipv6';
