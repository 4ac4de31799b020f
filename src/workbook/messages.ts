/** Messages for the user, kept as catalogue keys + parameters so they follow the language. */
import type { MessageKey } from '../i18n/vi';

export interface Notice {
  id: number;
  key: MessageKey;
  params: Record<string, string | number>;
  level: 'error' | 'info';
}

let nextId = 1;
export function notice(key: MessageKey, params: Notice['params'] = {}, level: Notice['level'] = 'error'): Notice {
  return { id: nextId++, key, params, level };
}
