/**
 * 送达 / 统一出件 (deliveries), the public entry: the results go out by the carrier, at the
 * window with a pickup code, or electronically (the `delivery` topic).
 */
export { startDeliveryOfCase } from './start-delivery.ts';
