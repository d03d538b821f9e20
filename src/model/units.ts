// The units a scenario's amounts are written in. Shared by every part of the model.

export type Units = '£' | '£000';
