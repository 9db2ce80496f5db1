import { createFrontendModule } from '@backstage/frontend-plugin-api';
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { MarkdownContent } from '@backstage/core-components';

const content = `
## Welcome to the Data Platform Portal

The portal is the front door to Contoso's data mesh on Azure. Every business
domain owns its data, publishes it as data products and runs in its own Azure
subscription, vended and governed by the platform team.

### Find your way

- **Domains**: Finance, Sales, Operations & IoT, Human Resources,
  Marketing and the platform itself, with their owners and their Azure subscription. See
  [all domains](/catalog?filters[kind]=domain&filters[user]=all).
- **Data products**: what each domain publishes, who owns it and what it
  depends on, in the [catalog](/catalog) as domains register them; their
  interfaces are listed under [APIs](/api-docs).
- **Azure estate**: the management-group hierarchy, every subscription and
  whether its tags follow the tagging strategy (domain, owner, cost center,
  data classification, data residency, environment). Open it from the
  [Azure estate](/azure-estate) page; platform engineers and domain owners
  can see it.
- **Create**: start something new from a [template](/create).

### Who sees what

- **Platform engineers** run the landing zone: they see the whole estate and
  can refresh it from Azure.
- **Domain owners** look after their domain, its data products and its
  subscription.
- **Data citizens** find data products and the people who own them.

Links to the Azure portal open in a new tab and use your own Azure access.
`;

const gettingStartedWidget = HomePageWidgetBlueprint.make({
  name: 'getting-started',
  params: {
    // Keeps the name the home page layout in app-config.yaml refers to.
    name: 'GettingStarted',
    title: 'Data Platform Portal',
    description:
      'What the portal offers: domains, data products and the Azure estate',
    components: async () => ({
      Content: () => <MarkdownContent content={content} />,
    }),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'home',
  extensions: [gettingStartedWidget],
});
