export * from './quote';
export * from './statements';
