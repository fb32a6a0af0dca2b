// Errors as data: a problem the user can fix (exit 2, title + hint) vs our own bug (report request).
export class UserError extends Error {
  constructor(public title: string, public hint: string) {
    super(title);
  }
}

export const EXIT = { ok: 0, findings: 1, error: 2 } as const;

export function formatError(err: unknown, color: boolean): { text: string; code: number } {
  const red = (s: string) => (color ? `\x1b[31m${s}\x1b[39m` : s);
  if (err instanceof UserError || (err as { name?: string })?.name === 'UserError' || (err as { hint?: string })?.hint) {
    const e = err as UserError;
    return { text: `${red('error')}: ${e.title ?? e.message}\n  hint: ${e.hint}\n`, code: EXIT.error };
  }
  const e = err as Error;
  return {
    text: `${red('internal error')}: ${e?.message ?? String(err)}\n  This is a bug in claude-migrate. Please report it with the command you ran and this trace:\n${(e?.stack ?? '').split('\n').slice(1, 6).join('\n')}\n`,
    code: EXIT.error,
  };
}
