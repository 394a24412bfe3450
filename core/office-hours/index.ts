export * from './profile';
export * from './local-time';
