// The events in one text frame from a room: one `{ key, data }`, or several as a JSON array in the order they were
// sent (rooms batch what is due at once). The benchmark's own copy of contract/room.ts's parseRoomFrames, since its
// clients are plain JavaScript.
export const eventsOf = (text) => {
  const value = JSON.parse(String(text));
  return Array.isArray(value) ? value : [value];
};
