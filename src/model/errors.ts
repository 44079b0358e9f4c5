/**
 * Domain errors: bad input or bad options. The CLI prints `message` on one line and exits 2;
 * anything else that escapes is a bug in stridebench (and still gets no stack trace unless
 * STRIDEBENCH_DEBUG is set).
 */
export class InputError extends Error {
  override readonly name = 'InputError';
  /** File the problem is in, when there is one. */
  readonly file: string | null;
  /** 1-based line, when known. */
  readonly line: number | null;

  constructor(message: string, options: { file?: string | null; line?: number | null } = {}) {
    super(message);
    this.file = options.file ?? null;
    this.line = options.line ?? null;
  }

  /** `file:line: message`, the form compilers use, so editors can jump to it. */
  describe(): string {
    const where = this.file === null ? '' : this.line === null ? `${this.file}: ` : `${this.file}:${this.line}: `;
    return `${where}${this.message}`;
  }
}

/** Bad command-line usage (unknown format, conflicting options). Also exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
