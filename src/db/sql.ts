// Small pieces of SQL text shared by the table modules.

export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}
