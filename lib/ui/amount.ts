/** Amounts of money as the dashboard shows them (order fees, the balance). */
import { formatNumber } from '../shared/format.ts';

/** To the cent, without trailing zeros: 12.346 → "12.35", 30 → "30". */
export const formatAmount = (amount: number, language?: string): string => formatNumber(Math.round(amount * 100) / 100, language);
