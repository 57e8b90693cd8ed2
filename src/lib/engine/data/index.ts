export * from './errors';
export * from './text';
export * from './sample';
export * from './windows';
export * from './tasks';
export * from './activity';
export * from './activity-windows';
export * from './scale';
