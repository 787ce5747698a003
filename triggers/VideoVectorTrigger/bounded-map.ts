/**
 * Sets `key` as the most recently used entry of `map` and drops the least recently used ones beyond
 * `maxEntries`. A Map iterates in insertion order, so deleting before setting keeps that order
 * equal to recency.
 */
export function setMostRecent<K, V>(map: Map<K, V>, key: K, value: V, maxEntries: number): void {
	map.delete(key);
	map.set(key, value);
	for (const oldest of map.keys()) {
		if (map.size <= maxEntries) break;
		map.delete(oldest);
	}
}
