/**
 * Intl.DateTimeFormat objects, one per language and style for the whole app. Building one loads the
 * locale's calendar data and costs about a millisecond on a phone, and every card of the inbox used
 * to build three: ~200 ms of the outreach worker's first render at 4× CPU throttling (issue 17 item 6).
 * A format is immutable, so sharing it is safe; the time zone is the device's when it is first asked for.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (format === undefined) {
    format = new Intl.DateTimeFormat(language, options);
    formats.set(key, format);
  }
  return format;
}
