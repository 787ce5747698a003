import { z } from 'zod/v3';

/**
 * A string field with documented values that the server may extend (docs/api/conventions.md#run-model-and-statuses: "clients must
 * tolerate unknown statuses"). Parses any string; the type still offers the known values.
 */
export function openEnum<T extends string>(
	_known: readonly T[],
): z.ZodType<T | (string & Record<never, never>)> {
	return z.string() as z.ZodType<T | (string & Record<never, never>)>;
}

/** Optional and nullable: the server omits or nulls most non-identity fields depending on state. */
export const optString = z.string().nullish();
export const optNumber = z.number().nullish();
export const optBoolean = z.boolean().nullish();
export const optStringArray = z.array(z.string()).nullish();
export const optObject = z.record(z.unknown()).nullish();

/** Counters default to 0 (docs/api/conventions.md#run-model-and-statuses) whether the server omits them or sends null. */
export const counter = z
	.number()
	.nullish()
	.transform((value) => value ?? 0);

/** Ids are opaque non-empty strings (docs/api/conventions.md#request-conventions): never parse them. */
export const id = z.string().min(1);

/** MarkerInfo (docs/api/conventions.md#marker-info), embedded in videos, segments, runs and results. */
export const markerInfoSchema = z
	.object({ marker_id: optString, color: optString, note: optString, updated_at: optString })
	.passthrough();

/** Field path → MarkerInfo (`metadata_markers`, `extracted_metadata_markers`). */
export const markerMapSchema = z.record(markerInfoSchema).nullish();

/** DeleteResponse (docs/api/conventions.md#delete-responses): `{message}` from the SDK models, `{status: "deleted"}` from the fixture; both accepted. */
export const deleteResponseSchema = z
	.object({ message: optString, status: optString })
	.passthrough();
export type DeleteResponse = z.infer<typeof deleteResponseSchema>;

/** A shape of counter fields from their names, so long counter lists are written once. */
export function counterFields<K extends string>(names: readonly K[]): Record<K, typeof counter> {
	return Object.fromEntries(names.map((name) => [name, counter])) as Record<K, typeof counter>;
}
