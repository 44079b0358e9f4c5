/**
 * The `--mapping` option for commands that use the knowledge base. Kept apart from the
 * loader so a command's builder can import it without loading any data.
 */
import type { Argv } from 'yargs';

export interface MappingArgs {
  mapping?: string;
}

export function addMappingOption<T>(y: Argv<T>): Argv<T & MappingArgs> {
  return y.option('mapping', {
    type: 'string',
    describe: "CSV with your organisation's own STRIDE mapping and fixes; it wins over ours (columns: see docs/stride.md)",
    normalize: true,
  }) as unknown as Argv<T & MappingArgs>;
}
