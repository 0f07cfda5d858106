/** Appends to the list under a key, creating it: in place, so grouping n items stays O(n). */
export function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
	const list = map.get(key);
	if (list) list.push(value);
	else map.set(key, [value]);
}

/**
 * Appends every item of `items` to `into`, in place. Not `into.push(...items)`: a spread passes each
 * item as an argument, and a list whose length follows the input (records of a 400 MB log) overflows
 * the call stack.
 */
export function appendAll<T>(into: T[], items: readonly T[]): void {
	for (let i = 0; i < items.length; i++) into.push(items[i]);
}
