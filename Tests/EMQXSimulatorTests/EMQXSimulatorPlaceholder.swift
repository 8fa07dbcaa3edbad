// Tests for EMQXSimulator live beside this file; this file keeps the target non-empty until they land.
