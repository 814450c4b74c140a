export type Role = 'officer' | 'analyst' | 'admin';

/** Who acts: the subject of a verified token, the authority they act for and the roles they hold. */
export interface Actor {
  sub: string;
  name?: string;
  authority: string;
  roles: Role[];
}
