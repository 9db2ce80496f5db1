import {
  ComponentType,
  useCallback,
  useEffect,
  useMemo,
  useState,
} from 'react';
import {
  Content,
  Header,
  Page,
  ProxiedSignInPage,
  SignInPage,
} from '@backstage/core-components';
import {
  configApiRef,
  IdentityApi,
  microsoftAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import {
  Alert,
  Badge,
  Button,
  Card,
  CardBody,
  CardFooter,
  CardHeader,
  Flex,
  Grid,
  Text,
} from '@backstage/ui';
import {
  DEMO_PERSONA_HEADER,
  DEMO_PERSONAS_PROVIDER_ID,
  DemoPersona,
  forgetPersonaOnSignOut,
  forgetStoredPersona,
  loadStoredPersona,
  PERSONA_KIND_LABELS,
  PERSONA_KINDS,
  readDemoPersonas,
  storePersona,
} from './personas';

const microsoftProvider = {
  id: 'microsoft-auth-provider',
  title: 'Microsoft',
  message: 'Sign in with your Contoso Microsoft Entra ID account',
  apiRef: microsoftAuthApiRef,
};

/** The server's reason for a failed sign-in, without the HTTP wrapping. */
function reasonOf(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  if (error.name === 'ResponseError' && cause instanceof Error) {
    return cause.message;
  }
  return error.message;
}

function PersonaCard(props: {
  persona: DemoPersona;
  onChoose: (persona: DemoPersona) => void;
}) {
  const { persona } = props;
  return (
    <Card>
      <CardHeader>
        <Flex direction="column" gap="1">
          <Text as="h3" variant="title-small">
            {persona.displayName}
          </Text>
          <div>
            <Badge size="small">
              {PERSONA_KIND_LABELS[persona.persona].one}
            </Badge>
          </div>
        </Flex>
      </CardHeader>
      <CardBody>
        <Flex direction="column" gap="2">
          <Text>{persona.description}</Text>
          <Text variant="body-small" color="secondary">
            {persona.userEntityRef}
          </Text>
        </Flex>
      </CardBody>
      <CardFooter>
        <Button variant="primary" onPress={() => props.onChoose(persona)}>
          {`Sign in as ${persona.displayName}`}
        </Button>
      </CardFooter>
    </Card>
  );
}

function PersonaPicker(props: {
  personas: DemoPersona[];
  failure?: { name: string; error: Error };
  onChoose: (persona: DemoPersona) => void;
}) {
  const { personas, failure } = props;
  return (
    <Page themeId="home">
      <Header
        title="Data Platform Portal"
        subtitle="Sign in as one of the demo people to try the portal from their point of view"
      />
      <Content>
        <Flex direction="column" gap="6">
          <Text as="p">
            Each person sees the portal as their role does: platform engineers
            run the Azure estate, domain owners look after their domain's data
            products and subscription, data citizens find and use data.
          </Text>
          {failure && (
            <Alert
              status="danger"
              icon
              title={`Could not sign in as ${failure.name}`}
              description={reasonOf(failure.error)}
            />
          )}
          {PERSONA_KINDS.map(kind => {
            const ofKind = personas.filter(p => p.persona === kind);
            if (ofKind.length === 0) {
              return null;
            }
            const headingId = `demo-personas-${kind}`;
            return (
              <section key={kind} aria-labelledby={headingId}>
                <Flex direction="column" gap="3">
                  <Text as="h2" variant="title-medium" id={headingId}>
                    {PERSONA_KIND_LABELS[kind].many}
                  </Text>
                  <Grid.Root
                    columns={{ initial: '1', sm: '2', lg: '3' }}
                    gap="4"
                  >
                    {ofKind.map(persona => (
                      <PersonaCard
                        key={persona.userEntityRef}
                        persona={persona}
                        onChoose={props.onChoose}
                      />
                    ))}
                  </Grid.Root>
                </Flex>
              </section>
            );
          })}
        </Flex>
      </Content>
    </Page>
  );
}

/**
 * Signs in as a demo persona through the `demo-personas` auth provider. The
 * choice is kept in localStorage, so a reload signs the same person in again
 * until they sign out.
 */
function DemoPersonaSignInPage(
  props: SignInPageProps & { personas: DemoPersona[] },
) {
  const { personas, onSignInSuccess } = props;
  const [chosen, setChosen] = useState<string | undefined>(loadStoredPersona);
  const [failure, setFailure] = useState<{ name: string; error: Error }>();

  const nameOf = useCallback(
    (userEntityRef: string) =>
      personas.find(p => p.userEntityRef === userEntityRef)?.displayName ??
      userEntityRef,
    [personas],
  );

  const choose = useCallback((persona: DemoPersona) => {
    storePersona(persona.userEntityRef);
    setFailure(undefined);
    setChosen(persona.userEntityRef);
  }, []);

  const onFailure = useCallback(
    (userEntityRef: string, error: Error) => {
      forgetStoredPersona();
      setFailure({ name: nameOf(userEntityRef), error });
      setChosen(undefined);
    },
    [nameOf],
  );

  // ProxiedSignInPage renders this when the auth backend refuses the persona:
  // go back to the picker and say why.
  const ErrorComponent = useMemo((): ComponentType<{ error?: Error }> => {
    const userEntityRef = chosen;
    return function PersonaSignInFailed({ error }: { error?: Error }) {
      useEffect(() => {
        if (userEntityRef) {
          onFailure(userEntityRef, error ?? new Error('Sign-in failed'));
        }
      }, [error]);
      return null;
    };
  }, [chosen, onFailure]);

  const onSuccess = useCallback(
    (identity: IdentityApi) =>
      onSignInSuccess(forgetPersonaOnSignOut(identity)),
    [onSignInSuccess],
  );

  if (chosen) {
    return (
      <ProxiedSignInPage
        key={chosen}
        provider={DEMO_PERSONAS_PROVIDER_ID}
        headers={{ [DEMO_PERSONA_HEADER]: chosen }}
        onSignInSuccess={onSuccess}
        ErrorComponent={ErrorComponent}
      />
    );
  }
  return (
    <PersonaPicker personas={personas} failure={failure} onChoose={choose} />
  );
}

/**
 * The portal's sign-in page: a picker of demo people when
 * `dataplatform.demoPersonas` is configured, otherwise Microsoft sign-in with
 * a Contoso account.
 */
export function DataPlatformSignInPage(props: SignInPageProps) {
  const configApi = useApi(configApiRef);
  const personas = useMemo(() => readDemoPersonas(configApi), [configApi]);

  if (personas.length === 0) {
    return (
      <SignInPage
        onSignInSuccess={props.onSignInSuccess}
        title="Sign in with your Contoso account"
        align="center"
        providers={[microsoftProvider]}
      />
    );
  }
  return (
    <DemoPersonaSignInPage
      onSignInSuccess={props.onSignInSuccess}
      personas={personas}
    />
  );
}
