/**
 * Units. The catalog and the canonical listing hold lengths in centimetres and weights in kilograms; adapters convert
 * on the wire (JD wants millimetres, for example). Imports and forms that receive other units convert here first.
 */
export type LengthUnit = "mm" | "cm" | "m" | "in";
export type WeightUnit = "g" | "kg" | "lb" | "oz";

const CM_PER: Record<LengthUnit, number> = { mm: 0.1, cm: 1, m: 100, in: 2.54 };
const KG_PER: Record<WeightUnit, number> = { g: 0.001, kg: 1, lb: 0.45359237, oz: 0.028349523125 };

/** Rounds away float noise: 2 decimals for centimetres, 3 for kilograms (the catalog's column scales). */
const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round((value + Number.EPSILON) * f) / f;
};

export function toCm(value: number, unit: LengthUnit): number {
  return round(value * CM_PER[unit], 2);
}

export function toKg(value: number, unit: WeightUnit): number {
  return round(value * KG_PER[unit], 3);
}

export function fromCm(cm: number, unit: LengthUnit, decimals = unit === "mm" ? 0 : 2): number {
  return round(cm / CM_PER[unit], decimals);
}

export function fromKg(kg: number, unit: WeightUnit, decimals = unit === "g" ? 0 : 3): number {
  return round(kg / KG_PER[unit], decimals);
}

export interface CanonicalPackage {
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  weightKg: number;
}

/** Catalog decimals (strings) to the canonical package; null when any measure is missing. */
export function canonicalPackage(v: {
  lengthCm: string | null;
  widthCm: string | null;
  heightCm: string | null;
  weightKg: string | null;
}): CanonicalPackage | null {
  if (v.lengthCm === null || v.widthCm === null || v.heightCm === null || v.weightKg === null) return null;
  return {
    lengthCm: round(Number(v.lengthCm), 2),
    widthCm: round(Number(v.widthCm), 2),
    heightCm: round(Number(v.heightCm), 2),
    weightKg: round(Number(v.weightKg), 3),
  };
}
