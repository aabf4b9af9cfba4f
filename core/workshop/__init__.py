"""Workshop rooms: rules, the room database and its operations."""
