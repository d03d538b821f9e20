// `mtfs schema`: the JSON Schema of a scenario file, for editors (yaml-language-server etc.).

import type { Command } from 'commander';
import { z } from 'zod/mini';
import { describedSchemas } from '../../schema/lazy.js';
import { scenarioSchema } from '../../schema/scenario.js';
import { variantSchema } from '../../schema/variant.js';
import { asJson } from '../../render/json.js';
import type { Io } from '../io.js';
import { finish, type CommandContext } from '../command.js';
import type { ExitCode } from '../output.js';

const AMOUNT_PATTERN = '^(-?(0|[1-9]\\d*|[1-9]\\d{0,2}(,\\d{3})+)(\\.\\d+)?|\\((0|[1-9]\\d*|[1-9]\\d{0,2}(,\\d{3})+)(\\.\\d+)?\\))$';
const RATE_PATTERN = '^-?(0|[1-9]\\d*)(\\.\\d+)?%?$';
const YEAR_PATTERN = '^\\d{4}/\\d{2}$';

/**
 * JSON Schema (draft 2020-12) of a scenario or a variant (`extends:`). Amounts may be YAML numbers
 * or text; mtfs reads both as written. The schemas are built with their descriptions and ids (the
 * ones that validate have none), and so is any part of them first needed as the JSON Schema is made.
 */
export function scenarioJsonSchema(): unknown {
  return describedSchemas(() => jsonSchemaOf());
}

function jsonSchemaOf(): unknown {
  return z.toJSONSchema(
    z.union([scenarioSchema(), variantSchema()]).register(z.globalRegistry, { title: 'mtfs scenario or scenario variant' }),
    {
      target: 'draft-2020-12',
      unrepresentable: 'any',
      override: (ctx) => {
        const id = z.globalRegistry.get(ctx.zodSchema)?.id;
        const s = ctx.jsonSchema as Record<string, unknown>;
        if (id === 'Amount') {
          delete s.type;
          s.anyOf = [{ type: 'number' }, { type: 'string', pattern: AMOUNT_PATTERN }];
        } else if (id === 'Rate') {
          delete s.type;
          s.anyOf = [{ type: 'number' }, { type: 'string', pattern: RATE_PATTERN }];
        } else if (id === 'ParameterValue') {
          delete s.type;
          s.anyOf = [{ type: 'number' }, { type: 'string' }];
        } else if (id === 'FiscalYear') {
          s.pattern = YEAR_PATTERN;
        }
      },
    },
  );
}

export function register(program: Command, { io, exit }: CommandContext): void {
  program
    .command('schema')
    .description('print the JSON Schema of scenario files (for editor validation and completion)')
    .action(() => exit(schemaCommand(io)));
}

function schemaCommand(io: Io): ExitCode {
  return finish(io, { content: asJson(scenarioJsonSchema()), inputs: [], sources: new Map() });
}
