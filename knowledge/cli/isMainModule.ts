import { pathToFileURL } from 'node:url';

/**
 * Whether the module whose `import.meta.url` is given is the script Node was
 * started with: CLIs run their `main` only then, so tests can import their
 * pure helpers.
 */
export function isMainModule(moduleUrl: string, argv: readonly string[] = process.argv): boolean {
  const script = argv[1];
  return script !== undefined && moduleUrl === pathToFileURL(script).href;
}
