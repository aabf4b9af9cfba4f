"""Workshop and join pages: live room view, state, seats, participant weights."""
