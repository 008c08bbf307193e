/** The mover windows, in weeks: each is compared with the window just before it. */
export const MOVER_WINDOWS = [4, 13] as const;
