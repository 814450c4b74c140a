import { registerEnumType } from '@nestjs/graphql';
import { GOVERNMENT_LAYERS, type GovernmentLayer } from '@praktijklus/domain';

/** The GraphQL enum `GovernmentLayer`; use `@Field(() => GovernmentLayerEnum)` and `GovernmentLayer` as TS type. */
export const GovernmentLayerEnum = Object.fromEntries(GOVERNMENT_LAYERS.map((layer) => [layer, layer])) as {
  [L in GovernmentLayer]: L;
};

registerEnumType(GovernmentLayerEnum, {
  name: 'GovernmentLayer',
  description: 'Bestuurslaag: gemeente, provincie, waterschap, rijk of uitvoeringsorganisatie.',
});
