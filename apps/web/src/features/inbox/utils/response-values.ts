import type { components } from '@/api/schema';
import type { ResponseType, ServiceType } from './fields';
import { fromLocalInput, toLocalDate, toLocalDateTime } from '@/lib/local-time';

type Recorded = components['schemas']['RecordedResponseDto'] | null;
type ResponseInput = components['schemas']['RecordResponseDto'];

/** The response form as the person fills it: local date and time inputs, nothing answered yet at first. */
export interface ResponseValues {
  responded: '' | 'yes' | 'no';
  responseTypes: ResponseType[];
  startedAt: string;
  endedAt: string;
  services: ServiceType[];
  followUpDue: string;
}

/** The form from what the organization recorded before (or empty). */
export function responseValuesOf(recorded: Recorded): ResponseValues {
  return {
    responded: recorded ? (recorded.responded ? 'yes' : 'no') : '',
    responseTypes: recorded?.responseTypes ?? [],
    startedAt: toLocalDateTime(recorded?.startedAt),
    endedAt: toLocalDateTime(recorded?.endedAt),
    services: recorded?.services ?? [],
    followUpDue: toLocalDate(recorded?.followUpDueAt),
  };
}

/**
 * The whole record for `PUT …/response` (the API replaces it): "no" sends no types, services or
 * times; a follow-up already marked done stays done.
 */
export function responseBodyOf(values: ResponseValues, recorded: Recorded): ResponseInput {
  const responded = values.responded === 'yes';
  return {
    responded,
    ...(responded
      ? {
          responseTypes: values.responseTypes,
          services: values.services,
          startedAt: fromLocalInput(values.startedAt),
          endedAt: fromLocalInput(values.endedAt),
        }
      : { responseTypes: [], services: [] }),
    followUpDueAt: fromLocalInput(values.followUpDue),
    followUpDoneAt: recorded?.followUpDoneAt ?? undefined,
  };
}

/** For comfort (the API takes the times as given): an end before the start is a slip of the thumb. */
export function endsBeforeStart(values: Pick<ResponseValues, 'startedAt' | 'endedAt'>): boolean {
  const start = fromLocalInput(values.startedAt);
  const end = fromLocalInput(values.endedAt);
  return Boolean(start && end && Date.parse(end) < Date.parse(start));
}
