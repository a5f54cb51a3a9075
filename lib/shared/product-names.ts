/** Each product type's name in the user's language. */
import { t, type MessageKey } from './i18n.ts';
import type { KnownProductType } from './products.ts';

const PRODUCT_NAME_KEYS: Record<KnownProductType, MessageKey> = {
  9: 'ui_product9',
  11: 'ui_product11',
  12: 'ui_product12',
  13: 'ui_product13',
  14: 'ui_product14',
  15: 'ui_product15',
  25: 'ui_product25',
};

/** The name of a product type, e.g. 9 → "Dynamic residential (traffic)"; unknown ones (new products appear) as "Type N". */
export function productTypeName(type: number): string {
  const key = (PRODUCT_NAME_KEYS as Partial<Record<number, MessageKey>>)[type];
  return key ? t(key) : t('ui_productOther', type);
}
