declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type UserId = Brand<string, 'UserId'>;
export type EventId = Brand<string, 'EventId'>;
export type SessionId = Brand<string, 'SessionId'>;
