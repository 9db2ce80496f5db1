import { ReactNode } from 'react';
import { Link } from '@backstage/core-components';
import { useEntityRefLink } from '@backstage/plugin-catalog-react';
import { Button, Flex, Text } from '@backstage/ui';
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import {
  formatRelativeTime,
  formatThresholds,
  describeDirection,
  scoreLabel,
} from '../../lib/format';
import { healthTabPath } from '../../lib/refs';
import { CollapsedIcon, ExpandedIcon } from '../icons';
import { ModelErrorPanel, StaleMarker, StaleNote } from '../panels';
import { lookOf, StateChip, StateIcon } from '../states';
import { ShortValue } from '../values';
import {
  branchIds,
  ComponentNode,
  ModelNode,
  SignalNode,
  TreeNode,
} from './tree';

/** Branches are open when something in them is not healthy. */
export function expandedByDefault(node: TreeNode): boolean {
  return node.type === 'model' && node.root ? true : node.state !== 'healthy';
}

interface TreeProps {
  root: ModelNode;
  now: Date;
  /** Branches the person opened or closed; others follow {@link expandedByDefault}. */
  expanded: Record<string, boolean>;
  onToggle: (id: string, expanded: boolean) => void;
  onSetAll: (ids: string[], expanded: boolean) => void;
  selectedId?: string;
  onSelect: (node: SignalNode) => void;
}

function isOpen(props: TreeProps, node: TreeNode): boolean {
  return props.expanded[node.id] ?? expandedByDefault(node);
}

/** A node's row: its state on the left, in colour and with an icon. */
function Row(props: { state: TreeNode['state']; children: ReactNode }) {
  return (
    <Box
      sx={{
        display: 'flex',
        alignItems: 'flex-start',
        gap: 1,
        py: 0.75,
        pl: 1,
        pr: 1,
        borderLeft: 4,
        borderColor: lookOf(props.state).color,
        borderRadius: 1,
        bgcolor: 'background.paper',
      }}
    >
      {props.children}
    </Box>
  );
}

/** The chevron and title of a branch; its name is the title. */
function Toggle(props: {
  open: boolean;
  title: string;
  onToggle: (open: boolean) => void;
  groupId: string;
}) {
  return (
    <ButtonBase
      onClick={() => props.onToggle(!props.open)}
      aria-expanded={props.open}
      // The group is only rendered while open.
      aria-controls={props.open ? props.groupId : undefined}
      sx={{
        gap: 0.5,
        borderRadius: 1,
        textAlign: 'left',
        fontWeight: 600,
        fontSize: '0.95rem',
        '&:focus-visible': {
          outline: '2px solid',
          outlineColor: 'primary.main',
        },
      }}
    >
      {props.open ? (
        <ExpandedIcon fontSize="small" aria-hidden />
      ) : (
        <CollapsedIcon fontSize="small" aria-hidden />
      )}
      {props.title}
    </ButtonBase>
  );
}

function Group(props: { id: string; label: string; children: ReactNode }) {
  return (
    <Box
      component="ul"
      id={props.id}
      aria-label={props.label}
      sx={{
        listStyle: 'none',
        m: 0,
        pl: 3,
        ml: 1.25,
        borderLeft: 1,
        borderColor: 'divider',
        display: 'grid',
        gap: 0.5,
        pt: 0.5,
      }}
    >
      {props.children}
    </Box>
  );
}

function groupIdOf(id: string): string {
  return `health-tree-${id.replace(/[^a-zA-Z0-9_-]/g, '-')}`;
}

/** "score 75%" beside a node's state chip; see {@link scoreLabel}. */
function ScoreText(props: { score?: number; state: TreeNode['state'] }) {
  const label = scoreLabel(props.score, props.state);
  return (
    <Text as="span" variant="body-small" color="secondary">
      {label.charAt(0).toLocaleLowerCase('en') + label.slice(1)}
    </Text>
  );
}

function SignalItem(props: TreeProps & { node: SignalNode }) {
  const { node, now, selectedId, onSelect } = props;
  const { signal } = node;
  const selected = selectedId === node.id;
  return (
    <li data-node={node.id}>
      <Box
        onClick={() => onSelect(node)}
        sx={{
          cursor: 'pointer',
          borderRadius: 1,
          outline: selected ? '2px solid' : undefined,
          outlineColor: 'primary.main',
        }}
      >
        <Row state={node.state}>
          <Box sx={{ pt: '2px' }}>
            <StateIcon state={node.state} />
          </Box>
          <Box sx={{ minWidth: 0, flex: 1 }}>
            <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
              <ButtonBase
                onClick={event => {
                  event.stopPropagation();
                  onSelect(node);
                }}
                aria-pressed={selected}
                aria-controls="health-signal-details"
                sx={{
                  fontWeight: 600,
                  fontSize: '0.9rem',
                  textAlign: 'left',
                  textDecoration: 'underline dotted',
                  textUnderlineOffset: 3,
                  '&:focus-visible': {
                    outline: '2px solid',
                    outlineColor: 'primary.main',
                  },
                }}
              >
                {signal.title}
              </ButtonBase>
              <Text as="span" variant="body-small" color="secondary">
                {lookOf(node.state).label}
              </Text>
              <Text as="span" variant="body-small" weight="bold">
                {signal.value === undefined ? (
                  'No value'
                ) : (
                  <ShortValue
                    value={signal.value}
                    unit={signal.unit}
                    thresholds={signal.thresholds}
                  />
                )}
              </Text>
            </Flex>
            <Text as="div" variant="body-small">
              {signal.explanation}
            </Text>
            <Text as="div" variant="body-x-small" color="secondary">
              Thresholds: {formatThresholds(signal.thresholds, signal.unit)} (
              {describeDirection(signal.thresholds)})
              {signal.observedAt && (
                <>
                  {' · '}observed{' '}
                  <time dateTime={signal.observedAt}>
                    {formatRelativeTime(signal.observedAt, now)}
                  </time>
                </>
              )}
            </Text>
            {signal.state === 'unknown' && signal.lastKnown && (
              <Text as="div" variant="body-x-small" color="warning">
                Last known value{' '}
                <ShortValue
                  value={signal.lastKnown.value}
                  unit={signal.unit}
                  thresholds={signal.thresholds}
                />
                , {formatRelativeTime(signal.lastKnown.observedAt, now)} (stale)
              </Text>
            )}
          </Box>
        </Row>
      </Box>
    </li>
  );
}

function ComponentItem(props: TreeProps & { node: ComponentNode }) {
  const { node, onToggle } = props;
  const { component } = node;
  const open = isOpen(props, node);
  const groupId = groupIdOf(node.id);
  return (
    <li data-node={node.id}>
      <Row state={node.state}>
        <Box sx={{ minWidth: 0, flex: 1 }}>
          <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
            <Toggle
              open={open}
              title={component.title}
              groupId={groupId}
              onToggle={next => onToggle(node.id, next)}
            />
            <StateChip state={node.state} size="small" />
            <ScoreText score={component.score} state={node.state} />
            {component.dependsOn.length > 0 && (
              <Text as="span" variant="body-small" color="secondary">
                needs: {component.dependsOn.join(', ')}
              </Text>
            )}
          </Flex>
          {component.ownState !== component.state && (
            <Text as="div" variant="body-x-small" color="secondary">
              Its own signals are{' '}
              {lookOf(component.ownState).label.toLocaleLowerCase('en')}
            </Text>
          )}
          {component.causes.length > 0 && (
            <Box
              component="ul"
              aria-label={`Causes for ${component.title}`}
              sx={{ m: 0, pl: 2.5, fontSize: '0.8125rem' }}
            >
              {component.causes.map(cause => (
                <li key={cause}>{cause}</li>
              ))}
            </Box>
          )}
        </Box>
      </Row>
      {open && (
        <Group id={groupId} label={`Signals of ${component.title}`}>
          {node.children.map(child => (
            <SignalItem key={child.id} {...props} node={child} />
          ))}
        </Group>
      )}
    </li>
  );
}

function ModelItem(props: TreeProps & { node: ModelNode }) {
  const { node, onToggle, now } = props;
  const { summary } = node;
  const entityLink = useEntityRefLink();
  const open = isOpen(props, node);
  const groupId = groupIdOf(node.id);
  let body: ReactNode;
  if (summary.modelError) {
    body = (
      <Box sx={{ mt: 0.5 }}>
        <ModelErrorPanel
          modelError={summary.modelError}
          subject={node.root ? undefined : summary.title}
        />
      </Box>
    );
  }
  return (
    <li data-node={node.id}>
      <Row state={node.state}>
        <Box sx={{ minWidth: 0, flex: 1 }}>
          <Flex align="center" gap="2" style={{ flexWrap: 'wrap' }}>
            <Toggle
              open={open}
              title={summary.title}
              groupId={groupId}
              onToggle={next => onToggle(node.id, next)}
            />
            <StateChip state={node.state} size="small" />
            <ScoreText score={summary.score} state={node.state} />
            <Text as="span" variant="body-x-small" color="secondary">
              {summary.kind === 'dataproduct' ? 'data product' : summary.kind}
            </Text>
            {summary.stale && <StaleMarker />}
            {!node.root && (
              <Text as="span" variant="body-small">
                <Link
                  to={healthTabPath(entityLink(summary.entityRef))}
                  aria-label={`Open the health of ${summary.title}`}
                >
                  Open
                </Link>
              </Text>
            )}
          </Flex>
          {!node.root && summary.stale && (
            <Text as="div" variant="body-x-small" color="secondary">
              <StaleNote summary={summary} now={now} />
            </Text>
          )}
          {!node.root && summary.topCauses.length > 0 && (
            <Text as="div" variant="body-x-small" color="secondary">
              {summary.topCauses[0]}
            </Text>
          )}
          {!node.root && summary.evaluatedAt && (
            <Text as="div" variant="body-x-small" color="secondary">
              Evaluated {formatRelativeTime(summary.evaluatedAt, now)}
            </Text>
          )}
        </Box>
      </Row>
      {open && (
        <Group id={groupId} label={`Parts of ${summary.title}`}>
          {body && <li>{body}</li>}
          {node.children.length === 0 && !summary.modelError && (
            <li>
              <Text as="p" variant="body-small" color="secondary">
                {node.evaluated
                  ? 'This model has no components.'
                  : 'Not evaluated yet.'}
              </Text>
            </li>
          )}
          {node.children.map(child =>
            child.type === 'model' ? (
              <ModelItem key={child.id} {...props} node={child} />
            ) : (
              <ComponentItem key={child.id} {...props} node={child} />
            ),
          )}
        </Group>
      )}
    </li>
  );
}

/**
 * The health model as a tree: the entity, its data products and
 * components, and their signals, each coloured by state and marked with an
 * icon. Branches that are not healthy start open; choosing a signal shows
 * its details beside the tree.
 */
export function ModelTree(props: TreeProps) {
  const ids = branchIds(props.root);
  return (
    <Flex direction="column" gap="2">
      <Flex gap="2">
        <Button
          size="small"
          variant="tertiary"
          onPress={() => props.onSetAll(ids, true)}
        >
          Expand all
        </Button>
        <Button
          size="small"
          variant="tertiary"
          onPress={() => props.onSetAll(ids, false)}
        >
          Collapse all
        </Button>
      </Flex>
      <Box
        component="ul"
        aria-label="Health model"
        sx={{ listStyle: 'none', m: 0, p: 0 }}
      >
        <ModelItem {...props} node={props.root} />
      </Box>
    </Flex>
  );
}
