/** The product types the dashboard's filters offer (the document's common ones); names come from components/product-type.ts. */
export const PRODUCT_TYPE_FILTERS = [9, 11, 12, 13, 14, 15, 25] as const;
