/** Quoting for the few places where SQL text must name something: identifiers always go
 *  through `ident`, and `literal` is used only for names the app itself generated (registered
 *  file names); values the user typed are bound as parameters instead. */

export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function literal(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
