/** Wire shapes of /category/tree/get and /category/attributes/get, as the simulator serves them. */
export interface DarazCategoryWire {
  category_id: number;
  name: string;
  leaf: boolean;
  var: boolean;
  children?: DarazCategoryWire[];
}

export type DarazInputType =
  | "text"
  | "richText"
  | "numeric"
  | "date"
  | "img"
  | "singleSelect"
  | "multiSelect"
  | "enumInput"
  | "multiEnumInput";

export interface DarazAttributeOptionWire {
  name: string;
  en_name: string;
  id: number;
}

export interface DarazAttributeWire {
  id: number;
  name: string;
  label: string;
  input_type: DarazInputType;
  is_mandatory: 0 | 1;
  /** "normal": product Attributes; "sku": a field of each Sku (sale props live in Sku.saleProp). */
  attribute_type: "normal" | "sku";
  is_sale_prop: 0 | 1;
  options: DarazAttributeOptionWire[];
  advanced: { is_key_prop: 0 | 1 };
}

/** Select types whose value must be one of the options; enumInput/multiEnumInput also take typed values. */
export const CLOSED_SELECT_TYPES: ReadonlySet<DarazInputType> = new Set(["singleSelect", "multiSelect"]);
