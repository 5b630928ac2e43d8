/** The shape a second language must have: the default catalogue's keys, with any string as the text. */
export type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
