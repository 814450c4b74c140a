export type { Actor, Role } from '@praktijklus/event-store';
