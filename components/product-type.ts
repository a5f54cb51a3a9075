/** The provider's product type numbers as names; unknown ones (new products appear) as "Type N". */
import { t, type MessageKey } from '../lib/shared/i18n.ts';

const NAMES: Record<number, MessageKey> = {
  9: 'ui_product9',
  11: 'ui_product11',
  12: 'ui_product12',
  13: 'ui_product13',
  14: 'ui_product14',
  15: 'ui_product15',
  25: 'ui_product25',
};

/** The name of a product type, e.g. 9 → "Dynamic residential (traffic)". */
export function productTypeName(type: number): string {
  const key = NAMES[type];
  return key ? t(key) : t('ui_productOther', type);
}
