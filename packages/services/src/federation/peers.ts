// Federation operations: this node's public identity, its peers and their health, messages.
export * from './peer-admin';
export * from './peer-identity';
export * from './peer-messages';
