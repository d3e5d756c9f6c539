"""Test helpers shared by apps: the real Django Q path, run in-process."""

from multiprocessing import Event, Queue, Value

from django_q.monitor import monitor
from django_q.pusher import pusher
from django_q.worker import worker


def run_worker_once(broker) -> None:
    """What a qcluster does for each queued task: pull it, run it in a worker, save the result."""
    task_queue, result_queue = Queue(), Queue()
    stop = Event()
    stop.set()  # the pusher pulls what is queued and returns
    while broker.queue_size():
        pusher(task_queue, stop, broker=broker)
    task_queue.put("STOP")
    worker(task_queue, result_queue, Value("f", -1))
    result_queue.put("STOP")
    monitor(result_queue, broker)


def queued_funcs(broker) -> list[str]:
    """The function names waiting in the ORM broker's table, oldest first."""
    from django_q.models import OrmQ
    from django_q.signing import SignedPackage

    return [SignedPackage.loads(row.payload)["func"] for row in OrmQ.objects.order_by("id")]
