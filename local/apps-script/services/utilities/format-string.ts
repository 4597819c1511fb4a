// Utilities.formatString: the printf subset scripts use (%s, %d, %i, %f with precision, %%).

export function formatString(template: string, args: unknown[]): string {
  let next = 0;
  return String(template).replace(/%(-?)(\d*)(?:\.(\d+))?([sdif%])/g, (_all, left: string, width: string, precision: string | undefined, kind: string) => {
    if (kind === '%') return '%';
    const arg = args[next++];
    let text: string;
    if (kind === 's') text = String(arg);
    else if (kind === 'f') text = Number(arg).toFixed(precision === undefined ? 6 : Number(precision));
    else text = String(Math.trunc(Number(arg)));
    const w = Number(width || 0);
    return left ? text.padEnd(w) : text.padStart(w);
  });
}
