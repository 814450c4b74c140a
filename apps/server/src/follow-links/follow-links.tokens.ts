export const FOLLOW_LINK_STORE = Symbol('FOLLOW_LINK_STORE');
export const FOLLOW_LINKS_DB = Symbol('FOLLOW_LINKS_DB');
