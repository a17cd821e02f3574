/** What the app shell takes from the board feature (features never import each other). */
export { boardRoutes } from './routes/board-routes';
/** This area's strings, fetched with its first screen (app/i18n.ts): not in the first script a phone loads. */
export const loadBoardStrings = () =>
  import('./i18n/board.strings').then((strings) => ({ en: strings.boardEn, es: strings.boardEs }));
