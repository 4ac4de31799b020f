/** The interface language: Vietnamese by default, English second; remembered per browser. */
import { vi, type MessageKey } from './vi';
import { en } from './en';

export type Locale = 'vi' | 'en';
const catalogues: Record<Locale, Record<MessageKey, string>> = { vi, en };
const STORAGE_KEY = 'so-dan-van.locale';

function initialLocale(): Locale {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

export const i18n = $state({ locale: initialLocale() });

export function setLocale(locale: Locale): void {
  i18n.locale = locale;
  document.documentElement.lang = locale;
  try {
    localStorage.setItem(STORAGE_KEY, locale);
  } catch {
    // Storage may be denied (private mode); the choice then lasts for this visit only.
  }
}

export function translate(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  return catalogues[locale][key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Reactive: reads the current locale, so text re-renders when it changes. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return translate(i18n.locale, key, params);
}

/** A message as pieces, each filled-in value apart (`param` names it), so a view can set the
 *  values off — e.g. SQL names in code type inside a sentence. Reactive like `t`. */
export function tParts(key: MessageKey, params: Record<string, string | number>): { text: string; param?: string }[] {
  return catalogues[i18n.locale][key]
    .split(/(\{\w+\})/)
    .filter((piece) => piece !== '')
    .map((piece) => {
      const name = /^\{(\w+)\}$/.exec(piece)?.[1];
      return name !== undefined && name in params ? { text: String(params[name]), param: name } : { text: piece };
    });
}
