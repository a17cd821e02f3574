/** Deepest nesting of objects and arrays a request body may have. Accord's own DTOs need < 10. */
export const MAX_JSON_DEPTH = 64;

/**
 * How deeply the JSON text in `raw` nests, counted with a loop over the bytes (brackets inside
 * strings do not count). It stops counting once past `limit`, so a hostile body costs one pass.
 */
export function jsonDepthExceeds(raw: Buffer, limit = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < raw.length; i++) {
    const byte = raw[i];
    if (inString) {
      if (byte === 0x5c)
        i++; // backslash: skip the escaped byte
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x7b || byte === 0x5b) {
      if (++depth > limit) return true;
    } else if (byte === 0x7d || byte === 0x5d) depth--;
  }
  return false;
}

/**
 * The JSON body parser's `verify` hook: it sees the raw bytes before JSON.parse, so a body nested
 * deeper than MAX_JSON_DEPTH is refused before validation, class-transformer or the forbidden-key
 * check walk it recursively (3,000 levels overflowed their stack: a 500 on unauthenticated routes).
 */
export function refuseDeepJson(_req: unknown, _res: unknown, raw: Buffer): void {
  if (jsonDepthExceeds(raw))
    throw Object.assign(new Error('JSON body nested too deeply'), { status: 400, type: JSON_TOO_DEEP });
}

/** The parser error type the exception filter maps to BODY_TOO_DEEP. */
export const JSON_TOO_DEEP = 'entity.too.deep';
