// Writing scenario files as text (for `mtfs init` and `mtfs import`): YAML scalars and CSV fields
// quoted only where they must be, so that the files read as a person would write them. Pure.

/** A YAML scalar for `text`: plain when it cannot be misread, else double-quoted (JSON escapes are valid YAML). */
export function yamlString(text: string): string {
  const plain =
    /^[A-Za-z(£][^:#{}[\],&*!|>'"%@`\n\r\t]*$/.test(text) && !/\s$/.test(text) && !/^(true|false|yes|no|on|off|null|y|n)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

/** A CSV field: quoted when it holds a comma, a quote, a line break or outer spaces. */
export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
