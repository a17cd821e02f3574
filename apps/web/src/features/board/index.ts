/** What the app shell takes from the board feature (features never import each other). */
export { boardRoutes } from './routes/board-routes';
export { boardEn, boardEs } from './i18n/board.strings';
