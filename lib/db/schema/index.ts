export * from './auth';
export * from './programme';
export * from './qa';
export * from './media';
export * from './attendance';
export * from './breakouts';
export * from './plans';
