import {
  Button,
  Heading1,
  Paragraph,
  Table,
  TableBody,
  TableCaption,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { MAX_TASKS, MY_TASKS_QUERY, taskHref, type Task } from '../api/tasks.queries';
import { useGraphql } from '../api/use-api';
import { AppLayout } from '../components/app-layout';
import { LoadError, Loading, OverdueBadge } from '../components/ui';
import { useI18n } from '../i18n/i18n.context';
import { AppLink } from '../router/router';

/** Escalation deadlines are instants; agreements and experiments are due on a calendar day. */
const isDateOnly = (due: string): boolean => /^\d{4}-\d{2}-\d{2}$/.test(due);

/** "Mijn taken": every role's start page, the server's inbox as it answers it. */
export function TasksPage() {
  const { t, formatDate, formatDateTime } = useI18n();
  const { data, error, loading, reload } = useGraphql<{ myTasks: Task[] }>(MY_TASKS_QUERY);
  const tasks = data?.myTasks;
  const title = t('tasks.title');

  return (
    <AppLayout title={title}>
      <div className="pl-title-bar">
        <Heading1>{title}</Heading1>
        <Button appearance="secondary-action-button" onClick={reload} busy={loading}>
          {t('app.refresh')}
        </Button>
      </div>
      <Paragraph>{t('tasks.intro')}</Paragraph>
      {error && <LoadError error={error} onRetry={reload} />}
      {loading && !tasks && <Loading />}
      {tasks && tasks.length === 0 && <Paragraph>{t('tasks.empty')}</Paragraph>}
      {tasks && tasks.length > 0 && (
        <div className="pl-table-scroll">
          <Table className="pl-table" id="tasks">
            <TableCaption className="pl-visually-hidden">{t('tasks.caption')}</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('tasks.kind')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('tasks.subject')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('tasks.due')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tasks.map((task) => (
                <TableRow
                  key={`${task.kind}-${task.entityId}`}
                  className={task.overdue ? 'pl-row--overdue' : undefined}
                >
                  <TableCell>{t(`tasks.kind.${task.kind}`)}</TableCell>
                  <TableCell>
                    <AppLink href={taskHref(task)}>{task.title}</AppLink>
                  </TableCell>
                  <TableCell>
                    {task.dueAt === null
                      ? t('tasks.noDue')
                      : isDateOnly(task.dueAt)
                        ? formatDate(task.dueAt)
                        : formatDateTime(task.dueAt)}{' '}
                    {task.overdue && <OverdueBadge />}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {tasks && tasks.length >= MAX_TASKS && (
        <Paragraph>{t('tasks.limit', { count: String(MAX_TASKS) })}</Paragraph>
      )}
    </AppLayout>
  );
}
