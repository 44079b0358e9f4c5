/** Commands other than `parse`, one module each (a module exports command, describe, builder, handler). */
export const EXTRA_COMMANDS: readonly object[] = [];
